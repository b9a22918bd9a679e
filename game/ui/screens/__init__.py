"""The screens of the window, one module each; the app keeps them in a stack."""
