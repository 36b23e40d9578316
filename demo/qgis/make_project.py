#!/usr/bin/python3
"""Writes demo/zjgov.qgs, the QGIS project of the zjgov demo (run by a maintainer after changing the
layer list; the project file is committed).  Every layer is a view demo.layer_<id> of the demo
database (demo/layers.sql), read through the PostgreSQL service "zjgov_demo" (a pg_service.conf entry:
demo/run.sh writes one for its throwaway cluster).  Each layer is drawn in the colours zjgov
computed: the fill (or line) colour is data-defined from the view's `hex` column (zjgov.colour_hex),
and a categorized legend with Chinese labels names the classes.

    PGSERVICEFILE=demo/out/pg_service.conf QT_QPA_PLATFORM=offscreen /usr/bin/python3 demo/qgis/make_project.py
"""
import os
import sys

from qgis.core import (QgsApplication, QgsCategorizedSymbolRenderer, QgsCoordinateReferenceSystem,
                       QgsDataSourceUri, QgsFillSymbol, QgsLineSymbol, QgsMarkerSymbol, QgsProject,
                       QgsProperty, QgsRendererCategory, QgsSingleSymbolRenderer, QgsSymbolLayer,
                       QgsVectorLayer, QgsWkbTypes)
from qgis.PyQt.QtGui import QColor

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'zjgov.qgs')

# id, 图层名, kind, category field, categories [(value, label, hex)] (the hex only seeds the legend
# swatch: the map takes each feature's own hex column).  The thematic layers that cover the grid
# (hot spot categories, risk regions) start hidden: tick them in the layers panel.
HIDDEN = {'st_hotspot', 'region'}
COLOURS = [('绿色', '绿色 (正常)', '#1A9641'), ('蓝色', '蓝色 (低)', '#2C7BB6'), ('黄色', '黄色 (关注)', '#FDD835'),
           ('橙色', '橙色 (较高)', '#FDAE61'), ('红色', '红色 (高)', '#D7191C'), ('紫色', '紫色', '#99004C'),
           ('褐红色', '褐红色', '#7E0023')]
LAYERS = [
    ('sea', '海域分层 (3/20 海里)', 'fill', 'tier', [(1, '≤3海里: 高清视频', '#9ecae1'), (2, '3–20海里: 雷达/VTS', '#c6dbef')]),
    ('county', '县区界', 'fill', None, '#f3efe6'),
    ('grid', '网格风险 (三色)', 'fill', 'colour_zh', COLOURS),
    ('st_hotspot', '时空热点类型', 'fill', 'category_zh', None),
    ('region', '风险区划', 'fill', 'name', None),
    ('track', '船舶轨迹 (按海域层级)', 'line', 'tier_zh', None),
    ('vessel', '船舶 (按海域层级)', 'circle', 'tier_zh',
     [('≤3海里', '≤3海里', '#D7191C'), ('3–20海里', '3–20海里', '#FDAE61'), ('>20海里', '>20海里', '#2C7BB6')]),
]
GEOM = {'fill': QgsWkbTypes.MultiPolygon, 'line': QgsWkbTypes.MultiLineString, 'circle': QgsWkbTypes.Point}


def symbol(kind, hex_):
    if kind == 'fill':
        s = QgsFillSymbol.createSimple({'color': hex_, 'outline_color': '#33333366', 'outline_width': '0.1'})
        s.symbolLayer(0).setDataDefinedProperty(QgsSymbolLayer.PropertyFillColor, QgsProperty.fromField('hex'))
    elif kind == 'line':
        s = QgsLineSymbol.createSimple({'color': hex_, 'width': '0.4'})
        s.symbolLayer(0).setDataDefinedProperty(QgsSymbolLayer.PropertyStrokeColor, QgsProperty.fromField('hex'))
    else:
        s = QgsMarkerSymbol.createSimple({'name': 'circle', 'color': hex_, 'size': '1.8',
                                          'outline_color': '#ffffff', 'outline_width': '0.1'})
        s.symbolLayer(0).setDataDefinedProperty(QgsSymbolLayer.PropertyFillColor, QgsProperty.fromField('hex'))
    return s


def main():
    app = QgsApplication([], False)
    app.initQgis()
    project = QgsProject.instance()
    project.setTitle('zjgov 风险一张图 (演示)')
    project.setCrs(QgsCoordinateReferenceSystem('EPSG:4550'))
    for lid, title, kind, field, cats in LAYERS:
        uri = QgsDataSourceUri()
        uri.setConnection('zjgov_demo', '', '', '')
        uri.setDataSource('demo', 'layer_' + lid, 'geom', '', 'id')
        uri.setSrid('4326')
        uri.setWkbType(GEOM[kind])
        layer = QgsVectorLayer(uri.uri(False), title, 'postgres')
        if not layer.isValid():
            print('note: %s (demo.layer_%s) is not in this database; kept in the project' % (title, lid))
        r = None
        if isinstance(cats, list):
            r = QgsCategorizedSymbolRenderer(field, [QgsRendererCategory(v, symbol(kind, h), lab) for v, lab, h in cats])
        elif isinstance(cats, str):
            layer.setRenderer(QgsSingleSymbolRenderer(symbol(kind, cats)))
        else:  # categories come from the data (region names, hot spot categories)
            layer.setRenderer(QgsSingleSymbolRenderer(symbol(kind, '#999999')))
            if layer.isValid():
                vals = sorted(v for v in layer.uniqueValues(layer.fields().indexOf(field)) if v is not None)
                hexes = {}
                for f in layer.getFeatures():
                    hexes.setdefault(f[field], f['hex'])
                r = QgsCategorizedSymbolRenderer(field, [QgsRendererCategory(v, symbol(kind, hexes.get(v) or '#999999'), str(v))
                                                         for v in vals])
        if r is not None:
            layer.setRenderer(r)
        project.addMapLayer(layer)
        if lid in HIDDEN:
            project.layerTreeRoot().findLayer(layer.id()).setItemVisibilityChecked(False)
    # the list above is bottom first; each layer added goes on top of the layer tree
    if not project.write(OUT):
        sys.exit('could not write ' + OUT)
    print('wrote', os.path.normpath(OUT))
    app.exitQgis()


if __name__ == '__main__':
    main()
