enum FlowModelPlaceholder {}
