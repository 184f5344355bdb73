"""Report stage: JSON (the contract), terminal, and the other output formats."""
