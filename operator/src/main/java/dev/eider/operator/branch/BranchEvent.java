package dev.eider.operator.branch;

import dev.eider.operator.platform.EventReason;

/** An Event a planner asks for; the reconcile records it on the BranchDeployment. */
public record BranchEvent(EventReason reason, String message) {}
