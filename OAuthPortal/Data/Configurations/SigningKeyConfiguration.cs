using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OAuthPortal.Data.Configurations;

internal sealed class SigningKeyConfiguration : IEntityTypeConfiguration<SigningKey>
{
    public void Configure(EntityTypeBuilder<SigningKey> key)
    {
        key.Property(k => k.Id).HasMaxLength(SigningKey.MaxIdLength).IsUnicode(false);
        key.Property(k => k.Algorithm).HasMaxLength(SigningKey.MaxAlgorithmLength).IsUnicode(false);
        key.Property(k => k.ProtectedPrivateKey).IsUnicode(false).IsRequired();
        key.Property(k => k.PublicJwk).IsUnicode(false).IsRequired();
        key.HasIndex(k => new { k.Algorithm, k.Generation }).IsUnique(); // one rotation wins when instances race
    }
}
