#!/usr/bin/python3
"""Renders the zjgov QGIS project headless to a PNG and (optionally) checks pixel colours.

    PGSERVICEFILE=... QT_QPA_PLATFORM=offscreen /usr/bin/python3 demo/qgis/render.py \
        demo/zjgov.qgs OUT.png [EXPECT.json]

The layers come from the PostgreSQL service "zjgov_demo"; the layers visible in the project are drawn,
and those whose view the database lacks are left out (a note says which).  The map shows the extent of the grid layer with a margin, in the
project's CRS.  EXPECT.json: {"layers": [ids that must draw], "pixels": [{"lon", "lat", "hex", "what"}]}:
prints "ok - ..." / "not ok - ..." lines and exits 1 when one fails.
"""
import json
import os
import sys

from qgis.core import (QgsApplication, QgsCoordinateReferenceSystem, QgsCoordinateTransform,
                       QgsMapRendererParallelJob, QgsMapSettings, QgsPointXY, QgsProject)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor


def main():
    project_file, out = sys.argv[1], sys.argv[2]
    expect = json.load(open(sys.argv[3])) if len(sys.argv) > 3 else None
    app = QgsApplication([], False)
    app.initQgis()
    project = QgsProject.instance()
    if not project.read(project_file):
        sys.exit('could not read ' + project_file)
    tree = project.layerTreeRoot()
    layers, drawn_ids = [], []
    for node in tree.findLayers():               # top first
        lyr = node.layer()
        lid = lyr.dataProvider().uri().table().replace('layer_', '', 1) if lyr and lyr.dataProvider() else '?'
        if not node.isVisible():
            print('note: layer %s (%s) is hidden in the project: not drawn' % (node.name(), lid))
            continue
        if lyr is None or not lyr.isValid() or lyr.featureCount() == 0:
            print('note: layer %s (%s) has no data in this database: left out' % (node.name(), lid))
            continue
        layers.append(lyr)
        drawn_ids.append(lid)
    if not layers:
        sys.exit('no layer of the project has data: is the service zjgov_demo the demo database?')
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(project.crs())
    settings.setBackgroundColor(QColor('#dbe9f6'))
    settings.setOutputSize(QSize(1400, 1000))
    settings.setOutputDpi(96)
    focus = next((l for l, i in zip(layers, drawn_ids) if i == 'grid'), layers[-1])
    to_map = QgsCoordinateTransform(focus.crs(), project.crs(), project)
    ext = to_map.transformBoundingBox(focus.extent())
    ext.scale(1.08)
    settings.setExtent(ext)
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    img = job.renderedImage()
    img.save(out, 'PNG')
    print('wrote %s (%d layers)' % (out, len(layers)))
    if expect is None:
        return 0
    failed = 0

    def ok(cond, what):
        nonlocal failed
        print(('ok - ' if cond else 'not ok - ') + what)
        failed += 0 if cond else 1
    for lid in expect.get('layers', []):
        ok(lid in drawn_ids, 'QGIS draws layer "%s"' % lid)
    wgs = QgsCoordinateTransform(QgsCoordinateReferenceSystem('EPSG:4326'), project.crs(), project)
    m2p = settings.mapToPixel()
    for p in expect.get('pixels', []):
        pt = m2p.transform(wgs.transform(QgsPointXY(p['lon'], p['lat'])))
        x, y = int(round(pt.x())), int(round(pt.y()))
        c = img.pixelColor(x, y) if img.valid(x, y) else QColor('#000000')
        want = QColor(p['hex'])
        close = all(abs(a - b) <= 30 for a, b in ((c.red(), want.red()), (c.green(), want.green()), (c.blue(), want.blue())))
        ok(img.valid(x, y) and close, 'QGIS %s: pixel (%d, %d) is %s, expected %s' % (p['what'], x, y, c.name(), want.name()))
    app.exitQgis()
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
