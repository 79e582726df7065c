using System.CommandLine;
using OAuthPortal.OAuth.Oidc;
using OAuthPortal.OAuth.Oidc.Keys;

namespace OAuthPortal.Cli;

/// <summary>
/// <c>keys rotate [--now] [--algorithm RS256|ES256]</c>: publish a successor of the active key (it signs after
/// OAuth:SigningKeys:PublishAhead), or with <c>--now</c> make a new key sign at once and name the old one to revoke.
/// </summary>
public static class KeysRotateCommand
{
    public static Command Create(CliContext context)
    {
        var now = new Option<bool>("--now") { Description = "The new key signs at once (e.g. after a suspected leak); the old one retires now." };
        var algorithm = new Option<string?>("--algorithm") { Description = "Rotate only this algorithm (default: both)." };
        algorithm.AcceptOnlyFromAmong([.. SigningAlgorithms.All]);
        var command = new Command("rotate", "Rotate the signing keys.") { now, algorithm };

        context.SetAction(command, async (parse, services, cancellationToken) =>
        {
            var rotation = services.GetRequiredService<SigningKeyRotation>();
            var immediately = parse.GetValue(now);
            foreach (var alg in parse.GetValue(algorithm) is { } one ? [one] : SigningAlgorithms.All)
            {
                var result = await rotation.RotateAsync(alg, immediately, "cli", cancellationToken);
                await context.Output.WriteLineAsync(result.Describe());
                if (immediately && result.PreviousKeyId is { } old)
                {
                    await context.Output.WriteLineAsync(
                        $"  {old} stays in the JWKS until its retirement ends; if it may have leaked, revoke it now: keys revoke {old}");
                }
            }
        });
        return command;
    }
}
