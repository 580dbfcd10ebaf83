"""Pulih: a low-code form server with live dashboards for social-rehabilitation programs.

This package holds the domain (models, services, the form engine). It never imports Streamlit:
the screens live in ``app.py``, ``pages/`` and ``ui/``.
"""

__version__ = "0.1.0"
