"""The notebooks' controls (edge): core ipywidgets that read and write the session."""
