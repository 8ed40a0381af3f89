"""Constants for the seed example integration."""

DOMAIN = "seed_example"
