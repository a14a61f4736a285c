"""What people see: the command line (``cli``), the page (``page``, started by ``app.py``),
and the rendering both share (``present`` for the page's Markdown and tables, ``payloads``
for the JSON shapes and the bytes kb exports)."""
