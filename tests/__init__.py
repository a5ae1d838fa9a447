"""Test suite of summaryaudit."""
