"""The ``pantau`` command: one module per command group, all thin over the library.

``app`` declares the group (the console script ``pantau`` is ``analysis.cli.app:main``);
``common`` holds what every command shares (error messages, progress bars, options)."""
