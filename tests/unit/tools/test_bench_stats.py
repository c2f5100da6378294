"""The one percentile every bench and the scale test use: nearest rank, always a measured value."""

import pytest

from tools.bench.stats import percentile


def test_the_median_of_an_odd_count_is_the_middle_value():
    assert percentile([5, 1, 3], 0.5) == 3


def test_an_even_count_takes_the_lower_middle_value_never_a_blend():
    assert percentile([1, 2, 3, 4], 0.5) == 2


def test_p95_of_twenty_latencies_is_the_nineteenth_and_of_a_hundred_the_ninety_fifth():
    assert percentile(list(range(1, 21)), 0.95) == 19
    assert percentile(list(range(100, 0, -1)), 0.95) == 95


def test_the_top_fraction_is_the_maximum_and_one_value_is_every_percentile():
    assert percentile([3, 9, 4], 1.0) == 9
    assert percentile([7.5], 0.01) == percentile([7.5], 0.99) == 7.5


@pytest.mark.parametrize("values, fraction", [([], 0.5), ([1], 0), ([1], 1.5)])
def test_no_values_or_a_fraction_outside_zero_to_one_is_refused(values, fraction):
    with pytest.raises(ValueError):
        percentile(values, fraction)
