"""``handouts serve``: a page in the browser to build a patient's program from the catalog's pictures.

It only calls the package's own loading, validation and rendering (see :mod:`.programs`), so what
the page prints is, byte for byte, what ``handouts program`` prints from the file the page saves.
Flask is imported only here (the ``[web]`` extra), so the rest of the command line stays light.
"""
