"""Rasa graph components (thin wrappers): MiniLM features for DIET and the risk layer's NLU step.

Every Rasa process that runs the model imports this package when it loads the model, so the one
change this project makes to Rasa itself (bot.rasa_fixes) is applied here.
"""

from bot import rasa_fixes

rasa_fixes.apply()
