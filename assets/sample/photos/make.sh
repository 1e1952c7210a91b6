#!/usr/bin/env bash
# Makes the sample photos of a new library: three clearly synthetic scenes drawn with
# ImageMagick (gradients, shapes, a little grain), 1600 x 1067, JPEG quality 84, with the
# credit, caption and alt text written in as IPTC/XMP by exiftool. Generated here, no
# photograph involved: free to use, copy and change (CC0). Run from anywhere:
#   bash assets/sample/photos/make.sh
set -euo pipefail
cd "$(dirname "$0")"
W=1600 H=1067

grain() { convert "$1" -attenuate 0.25 +noise Gaussian -quality 84 -sampling-factor 2x2 -strip "$1"; }

# An evening skyline over the harbour: a warm sky, a low sun, dark blocks of houses, water.
convert -size ${W}x640 gradient:'#2b3a67'-'#f6a55b' \
  \( -size ${W}x427 gradient:'#3d4f7c'-'#14203d' \) -append \
  -fill '#ffd28a' -draw "circle 1060,560 1060,500" \
  -fill '#1b2238' -draw "rectangle 0,520 160,640 rectangle 170,460 290,640 rectangle 300,540 420,640 rectangle 430,420 520,640 rectangle 530,500 700,640 rectangle 1250,480 1380,640 rectangle 1390,540 1600,640 rectangle 800,575 980,640" \
  -fill '#ffd28a' -draw "rectangle 1000,650 1120,656 rectangle 1020,680 1100,684 rectangle 1040,710 1080,713" \
  skyline.jpg
grain skyline.jpg

# A park in spring: a pale sky, green hills, round trees, a path.
convert -size ${W}x${H} gradient:'#bfe3f5'-'#eaf6fb' \
  -fill '#7cb45a' -draw "ellipse 400,1100 1100,420 0,360" \
  -fill '#5e9a44' -draw "ellipse 1300,1150 1000,480 0,360" \
  -fill '#d8c9a3' -draw "polygon 700,1067 900,1067 820,700 790,700" \
  -fill '#6b4a2b' -draw "rectangle 300,560 320,720 rectangle 1180,520 1200,700 rectangle 540,600 556,730" \
  -fill '#3f7a34' -draw "circle 310,500 310,400 circle 1190,450 1190,330 circle 548,560 548,480" \
  -fill '#f3d34a' -draw "circle 1420,160 1420,100" \
  park.jpg
grain park.jpg

# A market square: warm stone, striped awnings, a blue sky.
convert -size ${W}x${H} gradient:'#6fa8dc'-'#dbe9f6' \
  -fill '#c9b18f' -draw "rectangle 0,620 1600,1067" \
  -fill '#e8dcc4' -draw "rectangle 80,300 520,620 rectangle 600,220 1000,620 rectangle 1080,320 1520,620" \
  -fill '#9b2f2f' -draw "polygon 80,300 300,180 520,300 polygon 600,220 800,110 1000,220 polygon 1080,320 1300,200 1520,320" \
  -fill '#d9534f' -draw "rectangle 150,640 450,700 rectangle 650,640 950,700 rectangle 1150,640 1450,700" \
  -fill '#ffffff' -draw "rectangle 210,640 250,700 rectangle 330,640 370,700 rectangle 710,640 750,700 rectangle 830,640 870,700 rectangle 1210,640 1250,700 rectangle 1330,640 1370,700" \
  -fill '#4a6fa5' -draw "rectangle 150,330 230,420 rectangle 370,330 450,420 rectangle 660,260 740,350 rectangle 860,260 940,350 rectangle 1150,350 1230,440 rectangle 1370,350 1450,440" \
  market.jpg
grain market.jpg

tag() {
  exiftool -q -overwrite_original -codedcharacterset=utf8 -charset iptc=UTF8 \
    "-IPTC:Credit=Bild: Newsroom-Beispiel" "-XMP-photoshop:Credit=Bild: Newsroom-Beispiel" \
    "-IPTC:Caption-Abstract=$2" "-XMP-dc:Description=$2" \
    "-XMP-iptcCore:AltTextAccessibility=$3" \
    "-XMP-dc:Rights=Erzeugtes Beispielbild, frei verwendbar (CC0)" "$1"
}
tag skyline.jpg "Abendstimmung über dem Hafen (erzeugtes Beispielbild)" "Gezeichnete Silhouette einer Stadt vor orangefarbenem Abendhimmel, davor Wasser"
tag park.jpg "Frühling im Stadtpark (erzeugtes Beispielbild)" "Gezeichnete grüne Hügel mit runden Bäumen und einem Weg unter hellblauem Himmel"
tag market.jpg "Markttag in der Innenstadt (erzeugtes Beispielbild)" "Gezeichnete Häuserzeile mit roten Dächern und gestreiften Marktständen"
ls -l ./*.jpg
