"""The gazetteer: every target's code, name and kind; codes as users name them; evidence."""

import re

import pycountry
import pytest

from countrytone.gazetteer import (
    BLOC,
    COUNTRY,
    TargetEntry,
    bloc_codes,
    country_codes,
    country_name,
    evidence_codes,
    gazetteer,
    parse_country_codes,
)

XI = TargetEntry(code="XI", name="Xi Jinping", aliases=("Xi Jinping", "Xi"), kind="person")


def test_gazetteer_bloc_codes_can_never_be_a_countrys() -> None:
    # ISO 3166-1 leaves XAA-XZZ to users, and assigns no code of four characters or more, nor
    # one with a digit (XG7).
    iso = {country.alpha_3 for country in pycountry.countries}
    iso |= {country.alpha_3 for country in pycountry.historic_countries}
    for code in bloc_codes():
        assert code.startswith("X")
        assert len(code) > 3 or re.fullmatch("X[A-Z0-9]{2}", code)
        assert code not in iso
    assert not bloc_codes() & country_codes()


def test_gazetteer_every_target_has_a_name_and_kind() -> None:
    known = gazetteer()
    assert {"XEU", "XNATO", "XUN", "XASEAN", "XAU", "XG7", "XWTO", "XIMF"} <= bloc_codes()
    assert all(known.kinds[code] == BLOC for code in bloc_codes())
    assert all(known.kinds[code] == COUNTRY for code in country_codes())
    assert set(known.names) == bloc_codes() | country_codes()


@pytest.mark.parametrize(
    ("code", "name"),
    [("XEU", "European Union"), ("XNATO", "NATO"), ("XUN", "United Nations"), ("xg7", "G7")],
)
def test_gazetteer_bloc_names(code: str, name: str) -> None:
    assert country_name(code) == name


@pytest.mark.parametrize(
    ("countries", "own", "codes"),
    [
        ("EU, nato, United Nations", (), ("XEU", "XNATO", "XUN")),
        (["chn", "European Union", "XEU"], (), ("CHN", "XEU")),
        (["Xi", "xi jinping", "CHN"], (XI,), ("XI", "CHN")),
        # a country's name wins over one's own target of that name in another case
        ("china", (TargetEntry("PARTY", "CHINA", ("CHINA",)),), ("CHN",)),
    ],
)
def test_gazetteer_parse_country_codes_reads_blocs_and_own_targets(
    countries: str | list[str], own: tuple[TargetEntry, ...], codes: tuple[str, ...]
) -> None:
    assert parse_country_codes(countries, own=own) == codes


@pytest.mark.parametrize(
    ("countries", "message"),
    [
        ("Congo", "ambiguous country 'Congo': name COD (DR Congo) or COG (Republic of the Congo)"),
        ("Natoo", "unknown country 'Natoo': did you mean XNATO (NATO)?"),
        ("Xi", "unknown country 'Xi': use an ISO 3166-1 alpha-3 code or a name (CHN, Iran, UK)"),
    ],
)
def test_gazetteer_parse_country_codes_errors(countries: str, message: str) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        parse_country_codes(countries)


@pytest.mark.parametrize(
    ("text", "codes", "found"),
    [
        ("Talks in Kinshasa.", ("COD", "COG"), {"COD"}),
        ("The Democratic Republic of Congo and Brazzaville.", ("COD", "COG"), {"COD", "COG"}),
        ("The Democratic Republic of Congo.", ("COD", "COG"), {"COD"}),  # not "Republic of Congo"
        ("Nothing here.", ("COD", "COG"), set()),
        ("The EU and the Commission.", ("XEU",), {"XEU"}),
        ("Brussels sprouts.", ("XEU",), {"XEU"}),  # a seat is evidence, whatever it does
    ],
)
def test_gazetteer_evidence_codes(text: str, codes: tuple[str, ...], found: set[str]) -> None:
    assert evidence_codes(text, codes) == found
