enum IRTPlaceholder {}
