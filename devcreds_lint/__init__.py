"""devcreds-lint: a static checker and fixer for Home Assistant OAuth2 credential platforms."""

__version__ = "0.1.0"
