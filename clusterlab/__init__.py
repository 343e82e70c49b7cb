"""clusterlab: the participatory method of building an agri-food cluster, as a dashboard."""

__version__ = "0.17.0"  # written on the studies it makes (report/stamp.py)
