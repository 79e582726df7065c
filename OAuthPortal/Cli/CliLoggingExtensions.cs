namespace OAuthPortal.Cli;

public static class CliLoggingExtensions
{
    /// <summary>
    /// Commands print their own results on stdout (clean for --json) and their errors as one line on stderr:
    /// only the portal's own warnings are logged, to stderr; framework logging (SQL, stack traces) is off,
    /// whatever the Logging section of the configuration says.
    /// </summary>
    public static ILoggingBuilder AddPortalCliLogging(this ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.Services.Configure<LoggerFilterOptions>(options =>
        {
            options.Rules.Clear();
            options.MinLevel = LogLevel.Warning;
            options.Rules.Add(new LoggerFilterRule(null, "Microsoft", LogLevel.None, null));
            options.Rules.Add(new LoggerFilterRule(null, "System", LogLevel.None, null));
        });
        return logging;
    }
}
