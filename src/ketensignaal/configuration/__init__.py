"""Chain configuration the functional administrator maintains as data (DOMAIN.md §3, issue 9 item 6).

Which units sit in the LRO and how often it meets, which unit is the LIV and whom it accepts as client, which units
an acute-danger report alarms: settings, not constants. The contexts read them through their own ``config.py``;
changes are validated, kept with a reason and logged in the processing log in the same transaction.
"""
