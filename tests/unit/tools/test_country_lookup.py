"""The NLU's country lookup table is the directory's list of names, as generated."""

from crisis.countries import country_code
from tools.country_lookup import LOOKUP_FILE, lookup_names, lookup_yaml


def test_the_lookup_file_is_the_generated_one():
    assert LOOKUP_FILE.read_text(encoding="utf-8") == lookup_yaml(), "run: python -m tools.country_lookup"


def test_every_name_in_the_lookup_resolves_to_a_country():
    names = lookup_names()
    assert len(names) == len(set(names)) > 100
    assert all(country_code(name) for name in names)
