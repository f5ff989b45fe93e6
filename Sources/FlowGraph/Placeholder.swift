enum FlowGraphPlaceholder {}
