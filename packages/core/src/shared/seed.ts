/** The largest `seed` the gateway accepts (a signed 32-bit integer); seeds run from 0 to this. */
export const MAX_SEED = 2_147_483_647;
