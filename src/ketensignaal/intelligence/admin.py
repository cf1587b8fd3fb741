"""Nothing of this context is kept in /beheer/: inbound messages and briefings are case work with their own screens."""
