enum FlowPolicyPlaceholder {}
