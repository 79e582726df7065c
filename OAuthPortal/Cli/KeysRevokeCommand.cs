using System.CommandLine;
using OAuthPortal.OAuth.Oidc.Keys;

namespace OAuthPortal.Cli;

/// <summary><c>keys revoke KID</c>: the key leaves the JWKS at once; an active key is replaced at once.</summary>
public static class KeysRevokeCommand
{
    public static Command Create(CliContext context)
    {
        var kid = new Argument<string>("kid") { Description = "The kid of the key to revoke (see `keys list`)." };
        var command = new Command("revoke", "Revoke a signing key: removed from the JWKS at once; tokens it signed stop validating.") { kid };

        context.SetAction(command, async (parse, services, cancellationToken) =>
        {
            var keyId = parse.GetRequiredValue(kid);
            var result = await services.GetRequiredService<SigningKeyRemoval>().RevokeAsync(keyId, "cli", cancellationToken)
                ?? throw new CliException($"No signing key has the kid '{keyId}' (see `keys list`).");
            if (result.AlreadyRevoked)
            {
                await context.Output.WriteLineAsync($"Key {result.KeyId} ({result.Algorithm}) was already revoked.");
                return;
            }

            await context.Output.WriteLineAsync($"Revoked key {result.KeyId} ({result.Algorithm}): removed from the JWKS.");
            if (result.ReplacementKeyId is { } replacement)
            {
                await context.Output.WriteLineAsync($"It was the active {result.Algorithm} key: {replacement} signs now.");
            }
        });
        return command;
    }
}
