"""Where the engine meets the world: the command line and the desktop, headless and browser shells."""
