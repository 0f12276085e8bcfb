"""Exchange with other fact-checkers: their ClaimReview and the LIAR statements, read into external reviews.

Others' reviews are kept as theirs (``ExternalReview``), never as our verdicts; they are linked
to our claims only by a proposed match that an editor confirms or rejects.
"""
