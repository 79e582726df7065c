using System.Globalization;

namespace OAuthPortal.Tests.Fuzz;

/// <summary>
/// The run's budget. By default (CI) a fixed seed and a fixed number of requests. FUZZ_SEED=N another seed,
/// FUZZ_SECONDS=N as many requests as fit in N seconds, FUZZ_REQUESTS=N another number of requests.
/// </summary>
public sealed record FuzzSettings(int Seed, int? Requests, TimeSpan? Duration)
{
    public const int DefaultSeed = 12345;
    public const int DefaultRequests = 3500;

    /// <summary>Requests in flight at a time.</summary>
    public const int Concurrency = 4;

    /// <summary>Per request: no answer within it is a failure.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);

    public static FuzzSettings FromEnvironment()
    {
        var seconds = Read("FUZZ_SECONDS");
        return new FuzzSettings(
            Read("FUZZ_SEED") ?? DefaultSeed,
            Read("FUZZ_REQUESTS") ?? (seconds is null ? DefaultRequests : null),
            seconds is { } s ? TimeSpan.FromSeconds(s) : null);
    }

    public bool IsSpent(int sent, TimeSpan elapsed) => sent >= Requests || elapsed >= Duration;

    private static int? Read(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new InvalidOperationException($"{name}='{text}' is not a non-negative integer.")
            : null;
}
