namespace OAuthPortal.Hosting.Telemetry;

/// <summary>
/// Settings of section <c>Portal:Telemetry:Otlp</c>: metrics and traces pushed to an OpenTelemetry collector at
/// <see cref="Endpoint"/> (off when empty), over gRPC (port 4317) or HTTP/protobuf (port 4318).
/// </summary>
public sealed class OtlpSettings
{
    public const string Grpc = "grpc";
    public const string HttpProtobuf = "http/protobuf";

    /// <summary>The collector's base address, e.g. http://localhost:4317; off when empty.</summary>
    public string? Endpoint { get; set; }

    /// <summary><see cref="Grpc"/> (the default) or <see cref="HttpProtobuf"/>.</summary>
    public string Protocol { get; set; } = Grpc;

    public bool Enabled => !string.IsNullOrWhiteSpace(Endpoint);
}
