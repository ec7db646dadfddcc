"""`ecouch report`: a printable summary a user can take to their GP.

- `model.py`: the plain records a report page is drawn from;
- `gather.py`: builds those records from the course and the store's records (pure);
- `svg.py` and `html.py`: draw the charts and the page (pure: strings in, strings out).

Nothing here touches files, the network or Textual; `commands/report.py` does the
reading and writing.
"""
