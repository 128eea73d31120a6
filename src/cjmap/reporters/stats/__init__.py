"""Stats reporters: rich tables for terminals, JSON for tools."""
