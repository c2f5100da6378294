"""The action server's code: crisis referral, support lines and the country, on plain functions."""
