using Microsoft.Extensions.Options;

namespace OAuthPortal.Hosting.Telemetry;

/// <summary>Refuses, on start, telemetry settings that cannot work: networks that do not parse, a short scraping secret, a bad OTLP address.</summary>
public sealed class TelemetrySettingsValidator : IValidateOptions<TelemetrySettings>
{
    public const int MinimumBearerTokenLength = 32;

    public ValidateOptionsResult Validate(string? name, TelemetrySettings settings)
    {
        const string prometheus = TelemetrySettings.SectionName + ":Prometheus";
        const string otlp = TelemetrySettings.SectionName + ":Otlp";
        var failures = new List<string>();
        foreach (var network in settings.Prometheus.AllowedNetworks.Where(n => MetricsEndpointAccess.ParseNetwork(n) is null))
        {
            failures.Add($"{prometheus}:AllowedNetworks: '{network}' is neither an IP address nor a CIDR network.");
        }

        if (settings.Prometheus.BearerToken is { Length: > 0 } token && token.Trim().Length < MinimumBearerTokenLength)
        {
            failures.Add($"{prometheus}:BearerToken must be at least {MinimumBearerTokenLength} characters (a random secret), or empty.");
        }

        if (settings.Otlp.Enabled && !(Uri.TryCreate(settings.Otlp.Endpoint, UriKind.Absolute, out var endpoint) && endpoint.Scheme is "http" or "https"))
        {
            failures.Add($"{otlp}:Endpoint must be an absolute http or https address (e.g. http://localhost:4317), or empty to switch OTLP off.");
        }

        if (settings.Otlp.Protocol is not (OtlpSettings.Grpc or OtlpSettings.HttpProtobuf))
        {
            failures.Add($"{otlp}:Protocol must be '{OtlpSettings.Grpc}' or '{OtlpSettings.HttpProtobuf}'.");
        }

        if (settings.ActiveTokensRefresh < TimeSpan.FromSeconds(1) || settings.ActiveTokensRefresh > TimeSpan.FromHours(1))
        {
            failures.Add($"{TelemetrySettings.SectionName}:ActiveTokensRefresh must be between 00:00:01 and 01:00:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
