"""Every lifecycle write, one module per concept (`<entity>_<verb>`, keyword-only)."""
