"""The test suite's own settings (tests/conftest.py)."""


def test_property_tests_have_no_deadline():
    # a profile without Hypothesis's 200 ms deadline: speed is measured by benchmarks/, never asserted
    from hypothesis import settings

    assert settings.default.deadline is None
