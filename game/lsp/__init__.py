"""The language server for story files (`her lsp`): lint findings as you type, go to definition,
references, completion, hover, rename, symbols and quick fixes. Imported only by that command."""
