"""Checking-time facts about modules and integrations, computed lazily and once."""
