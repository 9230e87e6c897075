"""RSA private keys for the controller stand-ins, assembled from a per-process pool of OpenSSL-generated primes.

Generating an RSA key is finding two large primes: about 55 ms for 2048 bits. One rehearsal process needs over a
hundred RSA keys (every revision of a Certificate whose spec asks for RSA, ACME accounts, Sealed Secrets keys), which
was a tenth of the whole rehearsal's CPU time. Here the n-th key of a size is the product of the n-th distinct pair of
primes taken from keys OpenSSL generated (pairs (0, 1), (0, 2), (1, 2), (0, 3), ...; a new key is generated only when
the pairs run out), so k generated keys give 2k(2k-1)/2 keys and the first key is OpenSSL's own.

Every key is a real RSA key of the requested size with a modulus no other key has: certificates, signatures and
RSA-OAEP work and verify as with any other key, and a certificate signed by one key never verifies with another.
What it gives up: keys that share a prime could factor each other (the gcd of their moduli); no actor of the
rehearsal looks for that, and none of these keys protects anything outside a rehearsal.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from cryptography.hazmat.primitives.asymmetric import rsa

__all__ = ["PUBLIC_EXPONENT", "rsa_private_key"]

PUBLIC_EXPONENT = 65537
"""The public exponent of every key (what cert-manager, Go's crypto/rsa and sealed-secrets use)."""


@dataclass
class _PrimePool:
    """Primes of one key size and the next pair of them to hand out."""

    bits: int
    """Key size in bits; each prime has half of them."""
    primes: list[int] = field(default_factory=list)
    """Primes of generated keys, two per key, in generation order (default: none yet)."""
    pair: tuple[int, int] = (0, 1)
    """Indexes (i, j), i < j, of the primes of the next key (default: the first generated key's own pair)."""

    def next_key(self) -> rsa.RSAPrivateKey:
        i, j = self.pair
        while j >= len(self.primes):
            # OpenSSL's primes have their top two bits set, so any two of them multiply to exactly `bits` bits, and
            # each p - 1 is coprime to the public exponent.
            numbers = rsa.generate_private_key(public_exponent=PUBLIC_EXPONENT, key_size=self.bits).private_numbers()
            self.primes += [numbers.p, numbers.q]
        self.pair = (i + 1, j) if i + 1 < j else (0, j + 1)
        return _assemble(self.primes[i], self.primes[j])


_POOLS: dict[int, _PrimePool] = {}


def rsa_private_key(bits: int = 2048) -> rsa.RSAPrivateKey:
    """A new RSA key of `bits` bits (public exponent 65537) whose modulus no earlier key of this process has."""
    pool = _POOLS.get(bits)
    if pool is None:
        pool = _POOLS[bits] = _PrimePool(bits=bits)
    return pool.next_key()


def _assemble(p: int, q: int) -> rsa.RSAPrivateKey:
    # The CRT form OpenSSL keeps (PKCS #1, RFC 8017 section 3.2), with d = e^-1 mod lcm(p - 1, q - 1) as OpenSSL
    # computes it. Validation is skipped because it would test the primes again (as long as generating them): they
    # are OpenSSL's and the pair is distinct.
    d = pow(PUBLIC_EXPONENT, -1, math.lcm(p - 1, q - 1))
    public = rsa.RSAPublicNumbers(PUBLIC_EXPONENT, p * q)
    numbers = rsa.RSAPrivateNumbers(p, q, d, rsa.rsa_crt_dmp1(d, p), rsa.rsa_crt_dmq1(d, q), rsa.rsa_crt_iqmp(p, q), public)
    return numbers.private_key(unsafe_skip_rsa_key_validation=True)
