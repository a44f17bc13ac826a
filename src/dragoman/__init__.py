"""dragoman: reads reports of diplomatic crises and reconstructs who did what to whom."""

__version__ = "0.1.0"
