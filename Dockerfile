# RagSystem REST API. Build: docker build -t ragsystem-api .   (GPU: docker build --target runtime-gpu -t ragsystem-api:gpu .)
# Models and data live in volumes: /models (embedding/, generator/, reranker/) and /data (index, jobs.db, staged uploads).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files alone, so the layer is reused until a dependency changes.
COPY Directory.Build.props Directory.Build.targets Directory.Packages.props ./
COPY src/RagSystem.Core/RagSystem.Core.csproj src/RagSystem.Core/
COPY src/RagSystem.Qdrant/RagSystem.Qdrant.csproj src/RagSystem.Qdrant/
COPY src/RagSystem.Api/RagSystem.Api.csproj src/RagSystem.Api/
RUN dotnet restore src/RagSystem.Api/RagSystem.Api.csproj
COPY src/RagSystem.Core/ src/RagSystem.Core/
COPY src/RagSystem.Qdrant/ src/RagSystem.Qdrant/
COPY src/RagSystem.Api/ src/RagSystem.Api/
RUN dotnet publish src/RagSystem.Api/RagSystem.Api.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# curl only for the health check.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /data /models && chown "$APP_UID" /data /models
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    RAG_DATA_DIR=/data \
    RAG_MODELS_DIR=/models
VOLUME ["/data", "/models"]
EXPOSE 8080
# The image's built-in non-root user.
USER $APP_UID
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 CMD curl -fsS http://127.0.0.1:8080/health/ready || exit 1
ENTRYPOINT ["dotnet", "RagSystem.Api.dll"]

# GPU variant: the CUDA 13 runtime with cuDNN 9 (what ONNX Runtime 1.31's CUDA provider links against) and the ASP.NET
# runtime copied from the official image. Run it with RAG__Onnx__ExecutionProvider=cuda and a GPU reserved for the container.
FROM nvidia/cuda:13.0.0-cudnn-runtime-ubuntu24.04 AS runtime-gpu
RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates libicu74 && rm -rf /var/lib/apt/lists/* \
    && useradd --uid 1654 --create-home app && mkdir -p /data /models && chown 1654 /data /models
COPY --from=mcr.microsoft.com/dotnet/aspnet:10.0 /usr/share/dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    RAG_DATA_DIR=/data \
    RAG_MODELS_DIR=/models \
    RAG__Onnx__ExecutionProvider=cuda
VOLUME ["/data", "/models"]
EXPOSE 8080
USER 1654
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 CMD curl -fsS http://127.0.0.1:8080/health/ready || exit 1
ENTRYPOINT ["dotnet", "RagSystem.Api.dll"]
