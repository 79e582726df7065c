using System.CommandLine;
using OAuthPortal.OAuth.Token;

namespace OAuthPortal.Cli;

/// <summary><c>tokens prune</c>: what the background pruning does, once, now.</summary>
public static class TokensPruneCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("prune", "Delete expired and revoked tokens, and spent or expired codes, older than OAuth:RetainExpiredFor.");
        context.SetAction(command, async (_, services, cancellationToken) =>
        {
            var result = await services.GetRequiredService<TokenPruner>().PruneAsync(cancellationToken);
            await context.Output.WriteLineAsync($"Deleted {result.Tokens} token(s), {result.Codes} authorization code(s) and {result.DeviceCodes} device code(s).");
        });
        return command;
    }
}
