# SPDX-License-Identifier: GPL-3.0-or-later
# The curtail CLI in a small Debian image:
#   docker build -t curtail .
#   docker run --rm -v "$PWD:/work" curtail plan examples/xiangyuan.yaml --format md
# Stage 1 builds the Debian packages (cpack) without Clp, so the image is
# redistributable (NOTICE); stage 2 installs only the `curtail` package and
# what it depends on.
FROM debian:bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends cmake make gcc libc6-dev pkg-config \
      libglpk-dev libyaml-dev dpkg-dev file \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cmake -S . -B /build -DCMAKE_BUILD_TYPE=Release -DCURTAIL_TESTS=OFF -DCURTAIL_WITH_CLP=OFF \
 && cmake --build /build -j "$(nproc)" \
 && cd /build && cpack -G DEB -B /pkgs

FROM debian:bookworm-slim
COPY --from=build /pkgs/curtail_*.deb /tmp/
RUN apt-get update \
 && apt-get install -y --no-install-recommends /tmp/curtail_*.deb \
 && rm -rf /var/lib/apt/lists/* /tmp/*.deb \
 && /usr/bin/curtail --version
WORKDIR /work
USER nobody
ENTRYPOINT ["curtail"]
CMD ["--help"]
