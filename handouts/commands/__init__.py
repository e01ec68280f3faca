"""The commands of the command line, a module per concept; ``handouts.cli`` assembles them."""
