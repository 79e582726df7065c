using Microsoft.Extensions.Primitives;

namespace OAuthPortal.Pages.OAuth2;

/// <summary>What <see cref="FormReader"/> read: the fields, or none because the body is malformed or over a limit (<see cref="TooLarge"/>).</summary>
public sealed record FormContent(IEnumerable<KeyValuePair<string, StringValues>>? Fields, bool TooLarge = false);
