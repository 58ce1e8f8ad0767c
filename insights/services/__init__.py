"""Insights: the practice repository in figures, charts and a map of Europe.

figures   the counts behind every chart, from the listing's own filters and counts
charts    each chart's rows, title and one-sentence summary; its CSV
render    the charts as SVG (pygal) for the page and for download, and as PNG
europe    the choropleth map of Europe (shapes from mapdata)
mapdata   the country shapes, projected once from the world-atlas package
"""
