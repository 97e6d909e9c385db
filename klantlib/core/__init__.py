"""The method (core): tables in, tables out — bands, questions, segments, the team's answers,
the plan, moves. No files, no widgets, no screens; sentences only from the catalogue.
"""
