"""Reading a team's files (edge): exports of accounting packages and CRMs, customer lists and
answer sheets, turned into the core's tables.
"""
