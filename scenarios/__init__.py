"""The bundled scenario files (presets and baselines), shipped inside the wheel as the package
``msw_scenarios`` (``pyproject.toml`` maps it to this folder); ``planner.io`` finds them
through :mod:`importlib.resources`.  Nothing here is code: the package holds data only."""
